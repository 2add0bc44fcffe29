"""The organisations' identity services (OpenID Connect) as an allauth provider.

allauth's own ``openid_connect`` provider, with two changes the portal needs: the ID token's signature
is always checked, and a service that does not answer gives a clear message instead of an error page.
Settings name this class in ``SOCIALACCOUNT_PROVIDERS["openid_connect"]["provider_class"]``.
"""
