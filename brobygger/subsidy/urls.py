"""URL map for wage subsidy agreements, refund periods and the rates table."""

from django.urls import path

from brobygger.subsidy import views, views_rates

urlpatterns = [
    path("lonnstilskudd/", views.agreement_list, name="subsidy_agreement_list"),
    path("lonnstilskudd/ny/", views.agreement_create, name="subsidy_agreement_create"),
    path("lonnstilskudd/<int:pk>/", views.agreement_detail, name="subsidy_agreement_detail"),
    path("lonnstilskudd/<int:pk>/endre/", views.agreement_edit, name="subsidy_agreement_edit"),
    path(
        "lonnstilskudd/<int:pk>/status/",
        views.agreement_transition,
        name="subsidy_agreement_transition",
    ),
    path(
        "lonnstilskudd/<int:pk>/refusjon/",
        views.refund_period_create,
        name="subsidy_refund_create",
    ),
    path("lonnstilskudd/satser/", views_rates.rate_list, name="subsidy_rate_list"),
    path("lonnstilskudd/satser/ny/", views_rates.rate_create, name="subsidy_rate_create"),
    path(
        "lonnstilskudd/satser/<int:pk>/fjern/",
        views_rates.rate_withdraw,
        name="subsidy_rate_withdraw",
    ),
]
