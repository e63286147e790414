from django.urls import path

from pembina.org.views import employees, imports, units

app_name = "org"

urlpatterns = [
    path("employees/", employees.EmployeeListView.as_view(), name="employee_list"),
    path("employees/export/", employees.EmployeeExportView.as_view(), name="employee_export"),
    path("employees/<int:pk>/", employees.EmployeeView.as_view(), name="employee_detail"),
    path("employees/<int:pk>/history/", employees.EmployeeHistoryView.as_view(), name="employee_history"),
    path("employees/<int:pk>/assign/", employees.EmployeeAssignView.as_view(), name="employee_assign"),
    path("import/", imports.ImportView.as_view(), name="import"),
    path("units/", units.UnitTreeView.as_view(), name="unit_tree"),
    path("units/<int:pk>/", units.UnitView.as_view(), name="unit_detail"),
    path("units/<int:pk>/history/", units.UnitHistoryView.as_view(), name="unit_history"),
]
