from pasardesa.payments.views import buyer, complaints, gateway, seller, treasurer

app_name = "payments"

urlpatterns = [
    *buyer.urlpatterns,
    *seller.urlpatterns,
    *treasurer.urlpatterns,
    *complaints.urlpatterns,
    *gateway.urlpatterns,
]
