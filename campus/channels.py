"""WeCom application messages, DingTalk work notices and a signed webhook.

Each is a ``notifications.channels.Channel``, registered from
``CampusConfig.ready()`` and active only while its settings are filled in
(read at call time). The reminders' delivery machinery calls ``send`` once
per (reminder, user, channel) row and retries on ``ChannelRetry``;
``ChannelRejected`` gives that message up. docs/campus.md describes each
vendor's calls and codes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from campus.identity import numbers_of
from campus.models import ChannelIdentity
from campus.services import channel_configured
from notifications import channels
from notifications.channels import Channel, ChannelMessage, ChannelRejected, ChannelRetry

logger = logging.getLogger("campus.channels")

# The vendors' documented codes.
WECOM_TOKEN_INVALID = {40014, 42001}  # invalid access_token, access_token expired
WECOM_BUSY = {-1, 45009, 45033}  # system busy, API frequency limit, too many concurrent calls
WECOM_DUPLICATE_CHECK_SECONDS = 4 * 3600  # the longest window WeCom allows
DINGTALK_TOKEN_INVALID = {88, 40014, 42001}
DINGTALK_BUSY = {-1, 90002, 90005, 90006, 90018}  # busy; the per-second/minute/day limits


def _json(response: requests.Response, vendor: str) -> dict:
    """The vendor's JSON answer; anything else is worth a retry, not a crash."""
    if response.status_code == 429 or response.status_code >= 500:
        raise ChannelRetry(f"{vendor}: HTTP {response.status_code}", _retry_after(response))
    try:
        data = response.json()
    except ValueError:
        raise ChannelRetry(f"{vendor}: HTTP {response.status_code} with no JSON body") from None
    if not isinstance(data, dict) or not isinstance(data.get("errcode", 0), int):
        raise ChannelRetry(f"{vendor}: unexpected answer {str(data)[:100]!r}")
    return data


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.isdigit() else None


def _http(method: str, url: str, vendor: str, **kwargs) -> requests.Response:
    try:
        return requests.request(method, url, timeout=settings.CAMPUS_HTTP_TIMEOUT, **kwargs)
    except requests.RequestException as exc:
        raise ChannelRetry(f"{vendor}: {type(exc).__name__}: {exc}") from None


def _text(message: ChannelMessage) -> str:
    return "\n".join(part for part in (message.subject, message.body, message.url) if part)


class _TokenVendor:
    """The gettoken-then-send pattern WeCom and DingTalk share: the token is cached
    until shortly before it expires, and fetched again once when the vendor says
    it is invalid or expired."""

    code = ""
    token_invalid: set[int] = set()
    busy: set[int] = set()

    def _cache_key(self) -> str:
        digest = hashlib.sha256(self._token_params_key().encode()).hexdigest()[:16]
        return f"campus:{self.code}:token:{digest}"

    def token(self, *, fresh: bool = False) -> str:
        key = self._cache_key()
        if not fresh:
            cached = cache.get(key)
            if cached:
                return cached
        data = _json(
            _http("GET", self._token_url(), self.code, params=self._token_params()), self.code
        )
        token = data.get("access_token")
        if data.get("errcode", 0) != 0 or not isinstance(token, str) or not token:
            code = data.get("errcode")
            if code in self.busy:
                raise ChannelRetry(
                    f"{self.code}: gettoken busy ({code})", settings.CAMPUS_RATE_LIMIT_SECONDS
                )
            # A wrong secret stays wrong until someone fixes the settings; the
            # retries (hours apart at the end) pick the message up once they do.
            logger.error("%s: gettoken refused: %s %s", self.code, code, data.get("errmsg"))
            raise ChannelRetry(f"{self.code}: gettoken errcode {code}: {data.get('errmsg')}")
        expires_in = data.get("expires_in") if isinstance(data.get("expires_in"), int) else 7200
        cache.set(key, token, max(60, expires_in - 300))
        return token

    def send(self, message: ChannelMessage) -> None:
        data = self._post(message, self.token())
        if data.get("errcode") in self.token_invalid:
            logger.info("%s: token refused (%s), fetching a new one", self.code, data["errcode"])
            cache.delete(self._cache_key())
            data = self._post(message, self.token(fresh=True))
        code = data.get("errcode", 0)
        if code == 0:
            self._check_recipient(data, message)
            return
        if code in self.busy:
            raise ChannelRetry(
                f"{self.code}: busy or rate limited ({code})", settings.CAMPUS_RATE_LIMIT_SECONDS
            )
        if code in self.token_invalid:
            raise ChannelRetry(f"{self.code}: a fresh token was refused too ({code})")
        raise ChannelRejected(f"{self.code}: errcode {code}: {data.get('errmsg', '')}"[:300])

    def _check_recipient(self, data: dict, message: ChannelMessage) -> None:
        pass


class WeCom(_TokenVendor):
    code = "wecom"
    token_invalid = WECOM_TOKEN_INVALID
    busy = WECOM_BUSY

    def _token_url(self) -> str:
        return settings.WECOM_API_URL.rstrip("/") + "/cgi-bin/gettoken"

    def _token_params(self) -> dict:
        return {"corpid": settings.WECOM_CORP_ID, "corpsecret": settings.WECOM_SECRET}

    def _token_params_key(self) -> str:
        return f"{settings.WECOM_API_URL}|{settings.WECOM_CORP_ID}|{settings.WECOM_AGENT_ID}"

    def _post(self, message: ChannelMessage, token: str) -> dict:
        body = {
            "touser": message.address,
            "agentid": int(settings.WECOM_AGENT_ID),
            # WeCom drops the same content to the same user within the window,
            # so a message resent after a crash between send and "sent" is not
            # shown twice.
            "enable_duplicate_check": 1,
            "duplicate_check_interval": WECOM_DUPLICATE_CHECK_SECONDS,
        }
        if message.url:
            body["msgtype"] = "textcard"
            body["textcard"] = {
                "title": message.subject[:128],
                "description": (message.body or message.subject)[:512],
                "url": message.url,
            }
        else:
            body["msgtype"] = "text"
            body["text"] = {"content": _text(message)[:2048]}
        url = settings.WECOM_API_URL.rstrip("/") + "/cgi-bin/message/send"
        return _json(
            _http("POST", url, self.code, params={"access_token": token}, json=body), self.code
        )

    def _check_recipient(self, data: dict, message: ChannelMessage) -> None:
        invalid = str(data.get("invaliduser") or "").split("|")
        if message.address in invalid:
            raise ChannelRejected(f"wecom: {message.address} is not a member of the corp")


class DingTalk(_TokenVendor):
    code = "dingtalk"
    token_invalid = DINGTALK_TOKEN_INVALID
    busy = DINGTALK_BUSY

    def _token_url(self) -> str:
        return settings.DINGTALK_API_URL.rstrip("/") + "/gettoken"

    def _token_params(self) -> dict:
        return {"appkey": settings.DINGTALK_APP_KEY, "appsecret": settings.DINGTALK_APP_SECRET}

    def _token_params_key(self) -> str:
        return f"{settings.DINGTALK_API_URL}|{settings.DINGTALK_APP_KEY}"

    def _post(self, message: ChannelMessage, token: str) -> dict:
        msg = {"msgtype": "text", "text": {"content": _text(message)[:2000]}}
        body = {
            "agent_id": int(settings.DINGTALK_AGENT_ID),
            "userid_list": message.address,
            "msg": msg,
        }
        url = (
            settings.DINGTALK_API_URL.rstrip("/") + "/topapi/message/corpconversation/asyncsend_v2"
        )
        return _json(
            _http("POST", url, self.code, params={"access_token": token}, json=body), self.code
        )


# --- the signed webhook -------------------------------------------------------

SIGNATURE_HEADER = "X-Campus-Signature"
TIMESTAMP_HEADER = "X-Campus-Timestamp"
DELIVERY_HEADER = "X-Campus-Delivery"


def webhook_signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=`` and the hex HMAC-SHA256, keyed with the secret, of ``<timestamp>.<body>``."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def webhook_send(message: ChannelMessage) -> None:
    payload = {
        "delivery": message.delivery_id,
        "kind": message.kind,
        "recipient": message.address,
        "subject": message.subject,
        "body": message.body,
        "url": message.url,
    }
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        DELIVERY_HEADER: str(message.delivery_id),
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: webhook_signature(settings.CAMPUS_WEBHOOK_SECRET, timestamp, body),
    }
    response = _http("POST", settings.CAMPUS_WEBHOOK_URL, "webhook", data=body, headers=headers)
    if 200 <= response.status_code < 300:
        return
    if response.status_code in (408, 425, 429) or response.status_code >= 500:
        raise ChannelRetry(f"webhook: HTTP {response.status_code}", _retry_after(response))
    raise ChannelRejected(f"webhook: HTTP {response.status_code}")


# --- who each channel reaches -------------------------------------------------


def _linked(channel: str):
    def addresses(user_ids) -> dict[int, str]:
        if not channel_configured(channel):
            return {}
        return dict(
            ChannelIdentity.objects.filter(user_id__in=set(user_ids), channel=channel).values_list(
                "user_id", "external_id"
            )
        )

    return addresses


def _webhook_addresses(user_ids) -> dict[int, str]:
    if not (settings.CAMPUS_WEBHOOK_URL and settings.CAMPUS_WEBHOOK_SECRET):
        return {}
    return numbers_of(user_ids)


def register_configured() -> None:
    """Register the three channels; each reaches nobody while it is not configured."""
    channels.register(
        Channel(
            code="wecom",
            label=_("WeCom"),
            addresses=_linked(ChannelIdentity.Channel.WECOM),
            send=WeCom().send,
        ),
        Channel(
            code="dingtalk",
            label=_("DingTalk"),
            addresses=_linked(ChannelIdentity.Channel.DINGTALK),
            send=DingTalk().send,
        ),
        Channel(
            code="webhook",
            label=_("Campus webhook"),
            addresses=_webhook_addresses,
            send=webhook_send,
        ),
    )
