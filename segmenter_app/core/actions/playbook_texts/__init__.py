"""The English and French texts of the playbooks, one module per family of segments.

Each module holds a plain ``TEXTS`` dict, ``"<playbook id>.<field>" -> (english, french)``, with
the fields ``name``, ``objective``, ``message``, ``offer``, ``offer_discount``, ``timing``,
``kpi`` and ``avoid``. ``playbooks.py`` joins them into one :class:`~segmenter_app.core.i18n.Messages`
group and keeps the lookup; only the texts live here, so they can be read and reworded family by family.
"""
