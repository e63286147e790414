from .employees import Assignment, Employee, SupervisorOverride
from .units import Instansi, Position, Unit

__all__ = ["Assignment", "Employee", "Instansi", "Position", "SupervisorOverride", "Unit"]
