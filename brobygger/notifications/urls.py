from django.urls import path

from brobygger.notifications import views

urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("antall/", views.notification_badge, name="notification_badge"),
    path("les-alle/", views.notifications_read_all, name="notifications_read_all"),
    path("innstillinger/", views.notification_preferences, name="notification_preferences"),
    path("<int:pk>/les/", views.notification_read, name="notification_read"),
]
