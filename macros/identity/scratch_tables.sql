{#- Scratch tables next to a model, for macros that work in steps (connected components,
    nearest seeds, Spark's copy-and-overwrite): `<model>__<suffix>` in the model's schema. -#}
{% macro scratch_relation(model_relation, suffix) %}
    {{ return(api.Relation.create(
        database=model_relation.database,
        schema=model_relation.schema,
        identifier=model_relation.identifier ~ '__' ~ suffix,
        type='table'
    )) }}
{% endmacro %}

{#- (Re)creates the table `relation` from the select `sql`, with dbt's own DDL for the
    adapter. -#}
{% macro create_scratch_table(relation, sql) %}
    {%- do adapter.drop_relation(relation) -%}
    {%- do run_query(get_create_table_as_sql(False, relation, sql)) -%}
{% endmacro %}
