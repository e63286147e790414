"""Account pages that differ from allauth's: the login page names the pemda."""

from allauth.account.views import LoginView as AllauthLoginView

from pembina.accounts import selectors


class LoginView(AllauthLoginView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["login_instansi"] = selectors.login_instansi()
        return context


login = LoginView.as_view()
