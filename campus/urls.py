from django.urls import path

from campus import views

app_name = "campus"
urlpatterns = [
    path("cas/login/", views.cas_login, name="cas-login"),
    path("cas/callback/", views.cas_callback, name="cas-callback"),
    path("cas/logout/", views.cas_logout, name="cas-logout"),
    path("oidc/login/", views.oidc_login, name="oidc-login"),
    path("oidc/callback/", views.oidc_callback, name="oidc-callback"),
    path("channels/", views.channels_page, name="channels"),
]
