from django.http import HttpResponseBadRequest


def bad_request(message: str) -> HttpResponseBadRequest:
    """A 400 in plain text: the message may quote the query string, which must never become HTML."""
    return HttpResponseBadRequest(message + "\n", content_type="text/plain; charset=utf-8")
