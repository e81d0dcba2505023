import pytest

from tests.campus import vendors
from tests.notifications.conftest import fake_kind, run  # noqa: F401 - shared fixtures


@pytest.fixture
def vendor(settings):
    """The local vendor server, with the settings of all three channels pointing at it."""
    with vendors.VendorServer() as server:
        settings.WECOM_API_URL = server.url
        settings.WECOM_CORP_ID = vendors.CORP_ID
        settings.WECOM_SECRET = vendors.CORP_SECRET
        settings.WECOM_AGENT_ID = vendors.AGENT_ID
        settings.DINGTALK_API_URL = server.url
        settings.DINGTALK_APP_KEY = vendors.APP_KEY
        settings.DINGTALK_APP_SECRET = vendors.APP_SECRET
        settings.DINGTALK_AGENT_ID = vendors.DING_AGENT
        settings.CAMPUS_WEBHOOK_URL = server.url + "/hook"
        settings.CAMPUS_WEBHOOK_SECRET = vendors.HOOK_SECRET
        settings.CAMPUS_HTTP_TIMEOUT = 5
        yield server


LDAP_PEOPLE = [
    {
        "uid": "wangfang",
        "cn": "Wang Fang",
        "number": "T2001",
        "type": "teacher",
        "password": "Teach-2001",
    },
    {
        "uid": "lisi",
        "cn": "Li Si",
        "number": "20240002",
        "type": "student",
        "password": "Study-0002",
    },
    {
        "uid": "stranger",
        "cn": "Zhao Liu",
        "number": "X9999",
        "type": "staff",
        "password": "Other-9999",
    },
]


@pytest.fixture(scope="session")
def slapd():
    from tests.campus import servers

    if servers.SLAPD is None:
        servers.missing("OpenLDAP's slapd (apt-get install slapd)")
    server = servers.Slapd()
    try:
        server.add_people(LDAP_PEOPLE)
        yield server
    finally:
        server.close()


@pytest.fixture
def ldap(slapd, settings):
    from tests.campus import servers

    settings.LDAP_SERVER_URL = slapd.url
    settings.LDAP_BIND_DN = servers.LDAP_ADMIN
    settings.LDAP_BIND_PASSWORD = servers.LDAP_ADMIN_PASSWORD
    settings.LDAP_USER_BASE = f"ou=people,{servers.LDAP_SUFFIX}"
    return slapd


@pytest.fixture(scope="session")
def oidc_provider():
    from tests.campus import servers

    try:
        import oauth2_provider  # noqa: F401
    except ImportError:
        servers.missing("django-oauth-toolkit (the test extra)")
    provider = servers.OidcProvider()
    try:
        yield provider
    finally:
        provider.close()


@pytest.fixture
def oidc(oidc_provider, settings):
    from tests.campus import servers

    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_CLIENT_ID = servers.OIDC_CLIENT_ID
    settings.OIDC_CLIENT_SECRET = servers.OIDC_CLIENT_SECRET
    settings.OIDC_ROLE_CLAIM = "role"
    return oidc_provider


@pytest.fixture(scope="session")
def cas_server():
    from tests.campus import servers

    try:
        import cas_server  # noqa: F401
    except ImportError:
        servers.missing("django-cas-server (the test extra)")
    # Any service on this machine: the live server's port is known only later.
    server = servers.CasServer(r"^http://(localhost|127\.0\.0\.1)(:[0-9]+)?/campus/.*$")
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def cas(cas_server, settings):
    settings.CAS_SERVER_URL = cas_server.url
    settings.CAS_VERSION = "3"
    settings.CAS_ROLE_ATTRIBUTE = "role"
    settings.CAS_NAME_ATTRIBUTE = "cn"
    # The browser talks plain HTTP to the live server.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    return cas_server
