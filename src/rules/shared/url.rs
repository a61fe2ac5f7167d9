//! Reading the parts of URLs that server and callback rules judge.

/// The authority of a URL: `userinfo@host:port`.
pub struct Authority<'u> {
    /// What precedes the last `@`, when there is one.
    pub userinfo: Option<&'u str>,
    /// As written (brackets of an IPv6 literal removed).
    pub host: &'u str,
}

/// The authority of an absolute (`scheme://…`) or network-path (`//…`) URL.
/// `bare_host` reads a URL with neither as starting with its authority, as a
/// Swagger 2.0 `host` does; otherwise such a relative URL has none.
pub fn authority(url: &str, bare_host: bool) -> Option<Authority<'_>> {
    let rest = match url.split_once("://") {
        // A scheme has no `/`, `?` or `#` (`{scheme}` variables are allowed).
        Some((scheme, rest)) if !scheme.contains(['/', '?', '#']) => rest,
        _ => url.strip_prefix("//").or(bare_host.then_some(url))?,
    };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, authority),
    };
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    Some(Authority { userinfo, host })
}

/// `localhost` (and its subdomains), `127.x.x.x` or `::1`: traffic that
/// never leaves the machine.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host.starts_with("127.")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Contains a cleartext `http://` URL (case-insensitive).
pub fn mentions_plain_http(text: &str) -> bool {
    text.to_ascii_lowercase().contains("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_authorities() {
        let a = authority("https://user:pw@API.example.com:8443/v1?x=@y", false).unwrap();
        assert_eq!((a.userinfo, a.host), (Some("user:pw"), "API.example.com"));
        let a = authority("http://[::1]:8080/", false).unwrap();
        assert_eq!((a.userinfo, a.host), (None, "::1"));
        let a = authority("{scheme}://{env}.example.com", false).unwrap();
        assert_eq!(a.host, "{env}.example.com");
        let a = authority("token@api.example.com/base", true).unwrap();
        assert_eq!((a.userinfo, a.host), (Some("token"), "api.example.com"));
        assert_eq!(
            authority("//cdn.example.com/x", false).unwrap().host,
            "cdn.example.com"
        );
        assert!(authority("/users/@me", false).is_none());
        for host in [
            "localhost",
            "API.localhost",
            "127.0.0.1",
            "127.1",
            "::1",
            "0:0:0:0:0:0:0:1",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["localhost.example.com", "10.0.0.1", "example.com", ""] {
            assert!(!is_loopback(host), "{host}");
        }
        assert_eq!(
            authority("api.example.com/users/@me", true)
                .unwrap()
                .userinfo,
            None
        );
    }
}
