from allauth.account.models import EmailAddress
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider, _pick_data
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter


class OrganisationAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token: str) -> dict:
        # allauth skips the signature check of an ID token fetched straight from the token endpoint
        # (the specification allows it over TLS). The portal checks it always: a proxy, a plain-http
        # test provider or a misrouted request must not be able to hand in someone else's identity.
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


class OrganisationProvider(OpenIDConnectProvider):
    oauth2_adapter_class = OrganisationAdapter
    # The URLs (login and callback views) come from accounts.oidc.urls.
    package = "accounts.oidc"

    def get_default_scope(self) -> list[str]:
        return self.app.settings.get("scopes") or super().get_default_scope()

    def extract_email_addresses(self, data) -> list[EmailAddress]:
        addresses = super().extract_email_addresses(data)
        # Microsoft Entra ID sends no email_verified claim; in a single-tenant registration the
        # tenant's own administrators set the addresses, so the settings may say to trust them.
        if self.app.settings.get("trust_email") and "email_verified" not in _pick_data(data):
            for address in addresses:
                address.verified = True
        return addresses


provider_classes = [OrganisationProvider]
