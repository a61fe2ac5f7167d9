//! What several rules read the same way: media types, names, OAuth flows,
//! properties, security requirements, responses, URLs and patterns. Rules
//! live one per file in the folder above; nothing here reports a finding.

pub(crate) mod media;
pub(crate) mod names;
pub(crate) mod oauth;
pub(crate) mod properties;
pub(crate) mod querystring;
pub(crate) mod regex;
pub(crate) mod requirements;
pub(crate) mod responses;
pub(crate) mod url;
