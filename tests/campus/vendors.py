"""A local HTTP server answering as WeCom, DingTalk and a webhook receiver do.

It checks every request against the vendors' documented shape (parameters,
JSON fields, the webhook's HMAC signature and timestamp) and answers with
their documented codes. A test queues the next answers per endpoint in
``plan`` ("rate_limit", "expired", "garbage", "http500", "invaliduser",
"reject"); with nothing queued the answer is a success. ``delivered`` lists
what was accepted, so a test can count the messages a user really got.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CORP_ID, CORP_SECRET, AGENT_ID = "ww-college", "wecom-secret", "1000002"
APP_KEY, APP_SECRET, DING_AGENT = "ding-key", "ding-secret", "2000003"
HOOK_SECRET = "hook-secret"


class VendorState:
    def __init__(self):
        self.lock = threading.Lock()
        self.plan: dict[str, list[str]] = defaultdict(list)
        self.delivered: list[tuple[str, str, dict]] = []  # (vendor, recipient, body)
        self.errors: list[str] = []  # shape violations seen by the server
        self.tokens = {"wecom": "", "dingtalk": ""}
        self.token_fetches = defaultdict(int)
        self.serial = 0

    def next(self, endpoint: str) -> str:
        with self.lock:
            queue = self.plan[endpoint]
            return queue.pop(0) if queue else "ok"

    def new_token(self, vendor: str) -> str:
        with self.lock:
            self.serial += 1
            self.token_fetches[vendor] += 1
            self.tokens[vendor] = f"{vendor}-token-{self.serial}"
            return self.tokens[vendor]


def _handler(state: VendorState):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self, status: int, body, content_type="application/json"):
            raw = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if status == 429:
                self.send_header("Retry-After", "1")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def _bad(self, why: str):
            state.errors.append(why)
            self._answer(400, {"errcode": 40035, "errmsg": f"invalid parameter: {why}"})

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def do_GET(self):
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/cgi-bin/gettoken":
                if query.get("corpid") != CORP_ID or query.get("corpsecret") != CORP_SECRET:
                    return self._answer(200, {"errcode": 40001, "errmsg": "invalid credential"})
                token = state.new_token("wecom")
                return self._answer(
                    200,
                    {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200},
                )
            if url.path == "/gettoken":
                if query.get("appkey") != APP_KEY or query.get("appsecret") != APP_SECRET:
                    return self._answer(200, {"errcode": 40089, "errmsg": "invalid appkey"})
                token = state.new_token("dingtalk")
                return self._answer(
                    200,
                    {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200},
                )
            self._answer(404, {"errcode": 404})

        def do_POST(self):
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            raw = self._body()
            if url.path == "/cgi-bin/message/send":
                return self._wecom(query, raw)
            if url.path == "/topapi/message/corpconversation/asyncsend_v2":
                return self._dingtalk(query, raw)
            if url.path == "/hook":
                return self._hook(raw)
            self._answer(404, {"errcode": 404})

        def _common(self, vendor: str, query: dict, raw: bytes, codes: dict):
            """The token check and the planned answer; None when the request may go on."""
            try:
                body = json.loads(raw)
            except ValueError:
                self._bad("body is not JSON")
                return None, True
            token = query.get("access_token")
            answer = state.next(vendor)
            if answer == "expired" or token != state.tokens[vendor]:
                code = codes["expired"] if token else 41001
                self._answer(200, {"errcode": code, "errmsg": "access_token expired"})
                return None, True
            if answer == "rate_limit":
                self._answer(200, {"errcode": codes["rate_limit"], "errmsg": "freq out of limit"})
                return None, True
            if answer == "garbage":
                self._answer(200, b"<html>502 Bad Gateway</html>", "text/html")
                return None, True
            if answer == "http500":
                self._answer(500, b"oops", "text/plain")
                return None, True
            if answer == "reject":
                self._answer(200, {"errcode": codes["reject"], "errmsg": "refused"})
                return None, True
            return body, answer

        def _wecom(self, query, raw):
            body, answer = self._common(
                "wecom", query, raw, {"expired": 42001, "rate_limit": 45009, "reject": 81013}
            )
            if body is None:
                return
            if not isinstance(body.get("touser"), str) or not body["touser"]:
                return self._bad("touser")
            if body.get("agentid") != int(AGENT_ID):
                return self._bad("agentid")
            kind = body.get("msgtype")
            if kind == "text" and not body.get("text", {}).get("content"):
                return self._bad("text.content")
            if kind == "textcard" and not all(
                body.get("textcard", {}).get(k) for k in ("title", "description", "url")
            ):
                return self._bad("textcard")
            if kind not in ("text", "textcard"):
                return self._bad("msgtype")
            if body.get("enable_duplicate_check") != 1:
                return self._bad("enable_duplicate_check")
            if answer == "invaliduser":
                return self._answer(
                    200, {"errcode": 0, "errmsg": "ok", "invaliduser": body["touser"]}
                )
            state.delivered.append(("wecom", body["touser"], body))
            self._answer(200, {"errcode": 0, "errmsg": "ok", "invaliduser": "", "msgid": "m1"})

        def _dingtalk(self, query, raw):
            body, _answer = self._common(
                "dingtalk", query, raw, {"expired": 42001, "rate_limit": 90018, "reject": 33012}
            )
            if body is None:
                return
            if body.get("agent_id") != int(DING_AGENT):
                return self._bad("agent_id")
            if not isinstance(body.get("userid_list"), str) or not body["userid_list"]:
                return self._bad("userid_list")
            msg = body.get("msg") or {}
            if msg.get("msgtype") != "text" or not msg.get("text", {}).get("content"):
                return self._bad("msg")
            state.delivered.append(("dingtalk", body["userid_list"], body))
            self._answer(200, {"errcode": 0, "errmsg": "ok", "task_id": 1, "request_id": "r1"})

        def _hook(self, raw):
            timestamp = self.headers.get("X-Campus-Timestamp", "")
            signature = self.headers.get("X-Campus-Signature", "")
            expected = (
                "sha256="
                + hmac.new(
                    HOOK_SECRET.encode(), timestamp.encode() + b"." + raw, hashlib.sha256
                ).hexdigest()
            )
            if not hmac.compare_digest(signature, expected):
                state.errors.append("bad signature")
                return self._answer(401, {"error": "bad signature"})
            if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
                state.errors.append("stale timestamp")
                return self._answer(401, {"error": "stale"})
            answer = state.next("webhook")
            if answer == "rate_limit":
                return self._answer(429, {"error": "slow down"})
            if answer == "http500":
                return self._answer(503, b"unavailable", "text/plain")
            if answer == "reject":
                return self._answer(400, {"error": "unknown recipient"})
            body = json.loads(raw)
            if body.get("delivery") != int(self.headers.get("X-Campus-Delivery", "0")):
                return self._bad("delivery header")
            state.delivered.append(("webhook", body["recipient"], body))
            self._answer(204, b"")

    return Handler


class VendorServer:
    def __init__(self):
        self.state = VendorState()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.state))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
