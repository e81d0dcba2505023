"""Campus integration settings (the ``campus`` app): sign-in through the college's
identity service and messages through WeCom, DingTalk or a signed webhook.

Each part is off until its address is set; docs/operations.md explains them.
"""

from config import env

# Which number the identity service hands over is matched against the students'
# student numbers, then against the staff numbers in the users' profiles.
# A person the product does not know is refused, unless this is on: then a
# person whose role attribute maps to "teacher" gets a new teacher account.
CAMPUS_SSO_CREATE_TEACHERS = env.boolean("CAMPUS_SSO_CREATE_TEACHERS", False)
# Values of the role attribute (comma separated) that mean a teacher or a
# student; a student is also recognised by a matching Student record.
CAMPUS_SSO_TEACHER_VALUES = env.string_list("CAMPUS_SSO_TEACHER_VALUES", ["teacher", "staff"])
CAMPUS_SSO_STUDENT_VALUES = env.string_list("CAMPUS_SSO_STUDENT_VALUES", ["student"])

# CAS 2.0/3.0 (统一身份认证): the server's base address, e.g. https://cas.example.edu.cn/cas/
CAS_SERVER_URL = env.url("CAS_SERVER_URL", schemes=("http", "https")) or ""
CAS_VERSION = env.string("CAS_VERSION", "3")
# Attribute (CAS 3 <cas:attributes>) holding the staff or student number; empty:
# the CAS user name is the number.
CAS_NUMBER_ATTRIBUTE = env.string("CAS_NUMBER_ATTRIBUTE", "")
CAS_ROLE_ATTRIBUTE = env.string("CAS_ROLE_ATTRIBUTE", "")
CAS_NAME_ATTRIBUTE = env.string("CAS_NAME_ATTRIBUTE", "")

# OpenID Connect: the issuer (its /.well-known/openid-configuration is read).
OIDC_ISSUER = env.url("OIDC_ISSUER", schemes=("http", "https")) or ""
OIDC_CLIENT_ID = env.string("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env.string("OIDC_CLIENT_SECRET", "")
OIDC_SCOPES = env.string("OIDC_SCOPES", "openid profile")
OIDC_NUMBER_CLAIM = env.string("OIDC_NUMBER_CLAIM", "preferred_username")
OIDC_ROLE_CLAIM = env.string("OIDC_ROLE_CLAIM", "")
OIDC_NAME_CLAIM = env.string("OIDC_NAME_CLAIM", "name")

# LDAP: checked by the sign-in form after the local accounts (ldap3, pure Python).
LDAP_SERVER_URL = env.url("LDAP_SERVER_URL", schemes=("ldap", "ldaps")) or ""
LDAP_BIND_DN = env.string("LDAP_BIND_DN", "")
LDAP_BIND_PASSWORD = env.string("LDAP_BIND_PASSWORD", "")
LDAP_USER_BASE = env.string("LDAP_USER_BASE", "")
LDAP_LOGIN_ATTRIBUTE = env.string("LDAP_LOGIN_ATTRIBUTE", "uid")
LDAP_NUMBER_ATTRIBUTE = env.string("LDAP_NUMBER_ATTRIBUTE", "employeeNumber")
LDAP_ROLE_ATTRIBUTE = env.string("LDAP_ROLE_ATTRIBUTE", "employeeType")
LDAP_NAME_ATTRIBUTE = env.string("LDAP_NAME_ATTRIBUTE", "cn")
LDAP_START_TLS = env.boolean("LDAP_START_TLS", False)
LDAP_TIMEOUT = env.integer("LDAP_TIMEOUT", 5, minimum=1)

# WeCom (企业微信) application messages.
WECOM_CORP_ID = env.string("WECOM_CORP_ID", "")
WECOM_SECRET = env.string("WECOM_SECRET", "")
WECOM_AGENT_ID = env.string("WECOM_AGENT_ID", "")
WECOM_API_URL = env.url("WECOM_API_URL", schemes=("http", "https")) or "https://qyapi.weixin.qq.com"
# A user's WeCom userid made from their number ("{number}" when the college
# uses the staff or student number as the userid).
WECOM_USERID_TEMPLATE = env.string("WECOM_USERID_TEMPLATE", "{number}")

# DingTalk (钉钉) work notices.
DINGTALK_APP_KEY = env.string("DINGTALK_APP_KEY", "")
DINGTALK_APP_SECRET = env.string("DINGTALK_APP_SECRET", "")
DINGTALK_AGENT_ID = env.string("DINGTALK_AGENT_ID", "")
DINGTALK_API_URL = (
    env.url("DINGTALK_API_URL", schemes=("http", "https")) or "https://oapi.dingtalk.com"
)
DINGTALK_USERID_TEMPLATE = env.string("DINGTALK_USERID_TEMPLATE", "{number}")

# A generic webhook: each reminder POSTed as JSON, signed with HMAC-SHA256.
CAMPUS_WEBHOOK_URL = env.url("CAMPUS_WEBHOOK_URL", schemes=("http", "https")) or ""
CAMPUS_WEBHOOK_SECRET = env.string("CAMPUS_WEBHOOK_SECRET", "")

# Seconds to wait for a vendor's answer.
CAMPUS_HTTP_TIMEOUT = env.integer("CAMPUS_HTTP_TIMEOUT", 10, minimum=1)
# A channel message that failed is tried again after this many seconds, doubling
# each time (up to an hour, 8 tries); after a vendor's rate limit, after the second.
CHANNEL_RETRY_SECONDS = env.integer("CHANNEL_RETRY_SECONDS", 30, minimum=1)
CAMPUS_RATE_LIMIT_SECONDS = env.integer("CAMPUS_RATE_LIMIT_SECONDS", 60, minimum=1)
