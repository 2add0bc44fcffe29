"""The municipal funding shares and the centre's budget come over from ``governance``.

The five models and their histories are taken into this app's state on their existing tables
(``db_table`` as governance named them), which are then renamed to this app's names: the rows
stay where they are. The admin's content types follow the models (so permissions and the admin
log keep pointing at them), and meeting embeds of the two report sections get their new keys.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MODELS = [
    'centrebudget',
    'budgetline',
    'fundingyear',
    'fundingparty',
    'historicalbudgetactual',
    'historicalbudgetline',
    'historicalcentrebudget',
    'historicalfundingparty',
    'historicalfundingyear',
    'budgetactual',
]
EMBED_KEYS = {
    'governance.funding_shares': 'funding.shares',
    'governance.centre_budget': 'funding.centre_budget',
}


def _move_content_types(apps, source: str, target: str) -> None:
    ContentType = apps.get_model('contenttypes', 'ContentType')
    for model in MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor):
    _move_content_types(apps, 'governance', 'funding')


def move_content_types_back(apps, schema_editor):
    _move_content_types(apps, 'funding', 'governance')


def _rename_embed_keys(apps, renames: dict) -> None:
    SectionEmbed = apps.get_model('governance', 'SectionEmbed')
    for old, new in renames.items():
        SectionEmbed.objects.filter(section_key=old).update(section_key=new)


def rename_embed_keys(apps, schema_editor):
    _rename_embed_keys(apps, EMBED_KEYS)


def rename_embed_keys_back(apps, schema_editor):
    _rename_embed_keys(apps, {new: old for old, new in EMBED_KEYS.items()})


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0003_move_funding_to_funding_app'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('funding', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='CentreBudget',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('total', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='total budget')),
                        ('state_grant_estimate', models.DecimalField(decimal_places=2, default=0, max_digits=12, verbose_name='state grant estimate')),
                        ('centre', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='budgets', to='governance.organisation')),
                    ],
                    options={
                        'db_table': 'governance_centrebudget',
                        'verbose_name': 'centre budget',
                        'verbose_name_plural': 'centre budgets',
                        'ordering': ['centre', '-year'],
                    },
                ),
                migrations.CreateModel(
                    name='BudgetLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                        ('label', models.CharField(max_length=200, verbose_name='line')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='budgeted')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('budget', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='funding.centrebudget')),
                    ],
                    options={
                        'db_table': 'governance_budgetline',
                        'verbose_name': 'budget line',
                        'verbose_name_plural': 'budget lines',
                        'ordering': ['budget', 'order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='FundingYear',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('total', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='total municipal funding')),
                        ('key', models.CharField(choices=[('population', 'by population'), ('equal', 'equal parts'), ('fixed', 'fixed amounts'), ('weights', 'custom weights')], max_length=16, verbose_name='key')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('centre', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='funding_years', to='governance.organisation', verbose_name='competence centre')),
                    ],
                    options={
                        'db_table': 'governance_fundingyear',
                        'verbose_name': 'municipal funding year',
                        'verbose_name_plural': 'municipal funding years',
                        'ordering': ['centre', '-year'],
                    },
                ),
                migrations.CreateModel(
                    name='FundingParty',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                        ('label', models.CharField(blank=True, help_text='E.g. Seinäjoki / Etelä-Pohjanmaa.', max_length=200, verbose_name='label')),
                        ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='population')),
                        ('fixed_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='fixed amount')),
                        ('weight', models.DecimalField(blank=True, decimal_places=4, max_digits=12, null=True, verbose_name='weight')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='governance.organisation', verbose_name='party')),
                        ('region', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='governance.region', verbose_name='region')),
                        ('funding_year', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='parties', to='funding.fundingyear')),
                    ],
                    options={
                        'db_table': 'governance_fundingparty',
                        'verbose_name': 'funding party',
                        'verbose_name_plural': 'funding parties',
                        'ordering': ['funding_year', 'order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalBudgetActual',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                        ('as_of', models.DateField(verbose_name='as of')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='actual')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('line', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='funding.budgetline')),
                    ],
                    options={
                        'db_table': 'governance_historicalbudgetactual',
                        'verbose_name': 'historical actual',
                        'verbose_name_plural': 'historical actuals',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalBudgetLine',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                        ('label', models.CharField(max_length=200, verbose_name='line')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='budgeted')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('budget', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='funding.centrebudget')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'governance_historicalbudgetline',
                        'verbose_name': 'historical budget line',
                        'verbose_name_plural': 'historical budget lines',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalCentreBudget',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('total', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='total budget')),
                        ('state_grant_estimate', models.DecimalField(decimal_places=2, default=0, max_digits=12, verbose_name='state grant estimate')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('centre', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.organisation')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'governance_historicalcentrebudget',
                        'verbose_name': 'historical centre budget',
                        'verbose_name_plural': 'historical centre budgets',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalFundingParty',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                        ('label', models.CharField(blank=True, help_text='E.g. Seinäjoki / Etelä-Pohjanmaa.', max_length=200, verbose_name='label')),
                        ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='population')),
                        ('fixed_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='fixed amount')),
                        ('weight', models.DecimalField(blank=True, decimal_places=4, max_digits=12, null=True, verbose_name='weight')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('funding_year', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='funding.fundingyear')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.organisation', verbose_name='party')),
                        ('region', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.region', verbose_name='region')),
                    ],
                    options={
                        'db_table': 'governance_historicalfundingparty',
                        'verbose_name': 'historical funding party',
                        'verbose_name_plural': 'historical funding parties',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalFundingYear',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('total', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='total municipal funding')),
                        ('key', models.CharField(choices=[('population', 'by population'), ('equal', 'equal parts'), ('fixed', 'fixed amounts'), ('weights', 'custom weights')], max_length=16, verbose_name='key')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('centre', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.organisation', verbose_name='competence centre')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'governance_historicalfundingyear',
                        'verbose_name': 'historical municipal funding year',
                        'verbose_name_plural': 'historical municipal funding years',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='BudgetActual',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                        ('as_of', models.DateField(verbose_name='as of')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='actual')),
                        ('line', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actuals', to='funding.budgetline')),
                    ],
                    options={
                        'db_table': 'governance_budgetactual',
                        'verbose_name': 'actual',
                        'verbose_name_plural': 'actuals',
                        'ordering': ['line', 'as_of'],
                        'constraints': [models.UniqueConstraint(fields=('line', 'as_of'), name='budgetactual_unique_line_date')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='centrebudget',
                    constraint=models.UniqueConstraint(fields=('centre', 'year'), name='centrebudget_unique_centre_year'),
                ),
                migrations.AddConstraint(
                    model_name='centrebudget',
                    constraint=models.CheckConstraint(condition=models.Q(('state_grant_estimate__lte', models.F('total'))), name='centrebudget_grant_within_total'),
                ),
                migrations.AddConstraint(
                    model_name='fundingyear',
                    constraint=models.UniqueConstraint(fields=('centre', 'year'), name='fundingyear_unique_centre_year'),
                ),
                migrations.AddConstraint(
                    model_name='fundingyear',
                    constraint=models.CheckConstraint(condition=models.Q(('total__gte', 0)), name='fundingyear_total_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='fundingparty',
                    constraint=models.UniqueConstraint(fields=('funding_year', 'organisation'), name='fundingparty_unique_organisation'),
                ),
                migrations.AddConstraint(
                    model_name='fundingparty',
                    constraint=models.CheckConstraint(condition=models.Q(('fixed_amount__isnull', True), ('fixed_amount__gte', 0), _connector='OR'), name='fundingparty_fixed_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='fundingparty',
                    constraint=models.CheckConstraint(condition=models.Q(('weight__isnull', True), ('weight__gte', 0), _connector='OR'), name='fundingparty_weight_not_negative'),
                ),
            ],
        ),
        migrations.AlterModelTable(name='centrebudget', table=None),
        migrations.AlterModelTable(name='budgetline', table=None),
        migrations.AlterModelTable(name='fundingyear', table=None),
        migrations.AlterModelTable(name='fundingparty', table=None),
        migrations.AlterModelTable(name='historicalbudgetactual', table=None),
        migrations.AlterModelTable(name='historicalbudgetline', table=None),
        migrations.AlterModelTable(name='historicalcentrebudget', table=None),
        migrations.AlterModelTable(name='historicalfundingparty', table=None),
        migrations.AlterModelTable(name='historicalfundingyear', table=None),
        migrations.AlterModelTable(name='budgetactual', table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.RunPython(rename_embed_keys, rename_embed_keys_back),
    ]
