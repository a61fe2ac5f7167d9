# The release image: the static musl binary and nothing else. Built by
# .github/workflows/release.yml from the binaries it has just compiled
# (image/<arch>/oasguard); not meant for building from source.
FROM scratch
ARG TARGETARCH
COPY image/${TARGETARCH}/oasguard /oasguard
# Mount the project here (`docker run -v "$PWD:/work" ...`). Never `/`:
# oasguard roots no project at the file system's root.
WORKDIR /work
ENTRYPOINT ["/oasguard"]
CMD ["lint", "."]
