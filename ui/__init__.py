"""PySide6 front end of the Guide Workstation (导购工作台).

Drives ``guide_app`` (the client core); nothing in ``guide_app`` imports this package.
"""
