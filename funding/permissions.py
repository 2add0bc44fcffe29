"""Funding figures follow the project's rules: whoever sees the project sees its cost estimate and
financing plan; whoever may change an implementer's data changes its costs and financing."""

import rules

from projects.permissions import can_change_implementer, can_change_project, can_view_project

rules.add_perm("funding.view_finances", can_view_project)  # object: the project
rules.add_perm("funding.import_finances", can_change_project)  # object: the project
rules.add_perm("funding.change_finances", can_change_implementer)  # object: the implementer
