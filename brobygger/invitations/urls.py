from django.urls import path

from brobygger.invitations import views

urlpatterns = [
    path("invitasjon/", views.invitation_accept, name="invitation_accept"),
    path("invitasjon/<str:code>/", views.invitation_open, name="invitation_open"),
    path("deltakelser/<int:pk>/tilgang/", views.participant_access, name="participant_access"),
    path("organisasjoner/<int:pk>/inviter/", views.staff_invite, name="staff_invite"),
    path("invitasjoner/<int:pk>/send-igjen/", views.invitation_resend, name="invitation_resend"),
    path("invitasjoner/<int:pk>/trekk-tilbake/", views.invitation_revoke, name="invitation_revoke"),
]
