from campus import sso


def sso_links(request) -> dict:
    """The sign-in page's buttons for the campus identity services that are set up."""
    return {"campus_cas": sso.cas_enabled(), "campus_oidc": sso.oidc_enabled()}
