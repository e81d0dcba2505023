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
