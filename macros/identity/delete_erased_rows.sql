{#- Post-hook of a model that keeps state across builds (incremental, full_refresh off): deletes
    the rows of erased profiles (customer_column) and, when given, of erased identifiers
    (type_column, value_column), so an erasure request also clears earlier builds' rows. The
    model must name int_erased_identifiers in its SQL (`-- depends_on:`) so it runs after it. -#}
{% macro delete_erased_rows(relation, customer_column, type_column=none, value_column=none) -%}
    {%- set erased -%}
        ({{ is_erased_customer(customer_column) }}
        {%- if type_column is not none %}
            or {{ is_erased_identifier(type_column, value_column) }}
        {%- endif %})
    {%- endset -%}
    {{ return(adapter.dispatch('delete_erased_rows', 'openprofile')(relation, erased)) }}
{%- endmacro %}

{% macro default__delete_erased_rows(relation, erased) -%}
    delete from {{ relation }} where {{ erased }}
{%- endmacro %}

{#- Spark's Parquet tables have no DELETE: the rows to keep are copied to a scratch table,
    which then overwrites the model's table (a table cannot be overwritten while it is read).
    Runs while the hook is rendered; the hook itself is then a no-op. -#}
{% macro spark__delete_erased_rows(relation, erased) -%}
    {%- if execute -%}
        {%- set kept = scratch_relation(relation, 'kept') -%}
        {%- do create_scratch_table(kept,
            "select * from " ~ relation ~ " where not coalesce(" ~ erased ~ ", false)") -%}
        {%- do run_query("insert overwrite table " ~ relation ~ " select * from " ~ kept) -%}
        {%- do adapter.drop_relation(kept) -%}
    {%- endif -%}
    select 1 as erased_rows_deleted
{%- endmacro %}
