from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "brobygger.accounts"
    label = "accounts"

    def ready(self) -> None:
        from allauth.account import signals as account_signals
        from allauth.mfa import signals as mfa_signals
        from django.contrib.auth import signals as auth_signals

        from brobygger.accounts import receivers, totp

        totp.install()

        uid = "brobygger.accounts"
        auth_signals.user_logged_in.connect(receivers.on_login, dispatch_uid=f"{uid}.login")
        auth_signals.user_logged_out.connect(receivers.on_logout, dispatch_uid=f"{uid}.logout")
        account_signals.password_reset.connect(
            receivers.on_password_reset, dispatch_uid=f"{uid}.password_reset"
        )
        mfa_signals.authenticator_added.connect(
            receivers.on_authenticator_added, dispatch_uid=f"{uid}.mfa_added"
        )
        mfa_signals.authenticator_removed.connect(
            receivers.on_authenticator_removed, dispatch_uid=f"{uid}.mfa_removed"
        )
