"""What error reports and log lines may say: nothing that someone wrote in Samenplan.

Everything posted to Samenplan is care data or a password, and every local variable in a
view may hold it too. Django's own filter hides only what is marked sensitive, and only
when DEBUG is off; this one hides all of it, always. The exception, the traceback (file,
line, code) and the request's path and headers stay, to find the fault; the user is
named by number."""

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter


class NoPatientDataFilter(SafeExceptionReporterFilter):
    def is_active(self, request):
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return {name: self.cleansed_substitute for name in request.POST}

    def get_traceback_frame_variables(self, request, tb_frame):
        return [("(all local variables)", self.cleansed_substitute)] if tb_frame.f_locals else []


class NoPatientDataReporter(ExceptionReporter):
    def get_traceback_data(self):
        data = super().get_traceback_data()
        if data.get("user_str"):
            user = getattr(self.request, "user", None)
            data["user_str"] = f"user {getattr(user, 'pk', None)}"
        return data


def login_client_str(username, ip_address, user_agent, path_info, request):
    """How django-axes names someone in its log lines: by IP address and page, without
    the e-mail address that was typed."""
    return f"{{ip_address: {ip_address!r}, path_info: {path_info!r}}}"
