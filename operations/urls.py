from django.urls import path  # noqa: F401  (the operations pages are added here)

app_name = "operations"
urlpatterns = []
