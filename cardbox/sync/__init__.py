"""CardDAV sync: a small WebDAV client (`dav`), the card codec and merge (`cards`, `merge`) and
the sync algorithm over two storage interfaces (`engine`). Only this package imports httpx."""
