{#- Models that rewrite their whole table from their own previous rows on every build
    (segment_membership_history): the incremental strategy that does that, and the relation
    to read the previous rows from.

    DuckDB: delete+insert on the unique key, reading the table itself. Spark's Parquet tables
    have neither DELETE nor MERGE, and a table cannot be overwritten while it is read; there the
    pre-hook save_previous_state() copies the table to <model>__previous, the model reads that
    copy, insert_overwrite replaces the table, and the post-hook drop_previous_state() drops the
    copy. Either way the table ends up holding exactly the model's result. -#}
{% macro full_rewrite_strategy() %}
    {{ return(adapter.dispatch('full_rewrite_strategy', 'openprofile')()) }}
{% endmacro %}

{% macro default__full_rewrite_strategy() %}
    {{ return('delete+insert') }}
{% endmacro %}

{% macro spark__full_rewrite_strategy() %}
    {{ return('insert_overwrite') }}
{% endmacro %}

{% macro previous_state(relation) %}
    {{ return(adapter.dispatch('previous_state', 'openprofile')(relation)) }}
{% endmacro %}

{% macro default__previous_state(relation) %}
    {{ return(relation) }}
{% endmacro %}

{% macro spark__previous_state(relation) %}
    {{ return(scratch_relation(relation, 'previous')) }}
{% endmacro %}

{#- Pre-hook: on engines that need it, copy the model's table to previous_state(). -#}
{% macro save_previous_state(relation) %}
    {%- set copy = previous_state(relation) -%}
    {%- if execute and copy != relation -%}
        {%- if adapter.get_relation(relation.database, relation.schema, relation.identifier) is not none -%}
            {%- do create_scratch_table(copy, "select * from " ~ relation) -%}
        {%- else -%}
            {%- do adapter.drop_relation(copy) -%}
        {%- endif -%}
    {%- endif -%}
    select 1 as previous_state_saved
{% endmacro %}

{#- Post-hook: drop the copy save_previous_state() made. -#}
{% macro drop_previous_state(relation) %}
    {%- set copy = previous_state(relation) -%}
    {%- if execute and copy != relation -%}
        {%- do adapter.drop_relation(copy) -%}
    {%- endif -%}
    select 1 as previous_state_dropped
{% endmacro %}
