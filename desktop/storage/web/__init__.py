"""Capture from the web: fetch a page, keep where it came from, cite and archive it.

Pure Python below the UI; every network call runs on the caller's thread (the UI runs
them on a worker) with progress and a cancel token. The modules, by what they hold:

- ``address``: what counts as a web address (http/https only) and how it is tidied;
- ``identifiers``: recognising a pasted URL, DOI or ISBN (with its checksum);
- ``errors``: ``FetchError`` and its kinds, one plain sentence per failure;
- ``cancel``: ``CancelToken``, checked while reading and able to cut a blocked read;
- ``config``: ``WebConfig`` (timeouts, size cap, service addresses) from the settings;
- ``transport``: urllib3 pools, the system proxies and the OS certificate store;
- ``client``: ``fetch`` — redirects, scheme checks, streaming size cap, decoding;
- ``capture``: a fetched page as a Document with its provenance;
- ``metadata``: a page's bibliographic details (citation_*, JSON-LD, OpenGraph, …);
- ``lookup``: filling in a reference from a URL, a DOI (doi.org) or an ISBN (Open Library);
- ``archive``: the Internet Archive's availability API and Save Page Now;
- ``versions``: checking a fetched document's address for a new version;
- ``actions``: the four worker-friendly entry points the UI calls.

This package is imported on first use only: start-up loads no socket or TLS code.
"""
