from pasardesa.payments.views import buyer, complaints, gateway, seller, setup, treasurer

app_name = "payments"

urlpatterns = [
    *buyer.urlpatterns,
    *seller.urlpatterns,
    *treasurer.urlpatterns,
    *complaints.urlpatterns,
    *setup.urlpatterns,
    *gateway.urlpatterns,
]
