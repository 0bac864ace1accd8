"""What the site reads from a URL's path and query as text: at most TEXT_MAX_LENGTH characters and no
NUL. PostgreSQL refuses a NUL in a query (a 500 where a 404 was meant), and SQLite a LIKE pattern past
50.000 bytes; no area key, indicator code or name comes near either."""

# The longest name in the gazetteer is 120 characters, the longest indicator code 200 (its column's size).
TEXT_MAX_LENGTH = 200


def is_acceptable_text(text: str) -> bool:
    return len(text) <= TEXT_MAX_LENGTH and "\x00" not in text


class KeyConverter:
    """<key:name> in a route: an area key, an indicator code, a family. A path segment that cannot be one
    is a 404 from the URL resolver, before any view looks it up."""

    regex = f"[^/\\x00]{{1,{TEXT_MAX_LENGTH}}}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
