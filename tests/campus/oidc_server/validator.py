from oauth2_provider.oauth2_validators import OAuth2Validator


class CollegeValidator(OAuth2Validator):
    """The college's claims: the number as preferred_username, the role, the name.

    A person whose last name is "misissued" gets an ID token whose audience
    is another client (while naming ours as the authorized party), as a
    misconfigured or hostile provider would hand out.
    """

    oidc_claim_scope = None

    def get_additional_claims(self, request):
        user = request.user
        claims = {
            "preferred_username": user.username,
            "name": user.first_name,
            "role": user.email.split("@")[0] if user.email else "",
        }
        if user.last_name == "misissued":
            claims["aud"] = ["another-application"]
            claims["azp"] = request.client_id
        return claims
