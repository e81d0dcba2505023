from rest_framework.settings import api_settings
from rest_framework.throttling import UserRateThrottle


class ReportRequestThrottle(UserRateThrottle):
    """Limits report requests (POST) per user; reading reports is not limited.

    Generating a report is expensive, so the rate (REPORT_THROTTLE_RATE) is
    per user. The rate is read when a request arrives rather than once at
    import, so a changed setting takes effect at once. DRF answers 429 with
    Retry-After when the limit is reached.
    """

    scope = "reports"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        return super().allow_request(request, view)
