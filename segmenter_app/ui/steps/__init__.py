"""The five step pages of the wizard (Collect, Choose criteria, Group, Act, Measure).

Every page subclasses :class:`segmenter_app.ui.steps.base.StepPage`.
"""
