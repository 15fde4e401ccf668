def private(response):
    """A page behind a private link or a session: never indexed."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
