from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "brobygger.notifications"
    label = "notifications"
    verbose_name = "Varsler"

    def ready(self) -> None:
        from allauth.account import signals as account_signals
        from allauth.mfa import signals as mfa_signals

        from brobygger.notifications import receivers

        uid = "brobygger.notifications"
        for signal, receiver, name in (
            (account_signals.password_changed, receivers.on_password_changed, "password_changed"),
            (account_signals.password_set, receivers.on_password_set, "password_set"),
            (account_signals.password_reset, receivers.on_password_reset, "password_reset"),
            (mfa_signals.authenticator_added, receivers.on_authenticator_added, "mfa_added"),
            (mfa_signals.authenticator_removed, receivers.on_authenticator_removed, "mfa_removed"),
            (mfa_signals.authenticator_reset, receivers.on_authenticator_reset, "mfa_reset"),
        ):
            signal.connect(receiver, dispatch_uid=f"{uid}.{name}")
