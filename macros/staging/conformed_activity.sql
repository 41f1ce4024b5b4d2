{#- The conformed activity shape of int_activities_unioned: (column name, SQL type) in order. -#}
{% macro activity_columns() %}
    {%- set text = dbt.type_string() -%}
    {{ return([
        ('activity_id', text), ('source_name', text), ('source_record_id', text),
        ('session_id', text), ('order_id', text),
        ('user_id', text), ('crm_contact_id', text), ('email', text), ('phone', text),
        ('phone_region', text), ('guest_order_id', text), ('device_id', text),
        ('cookie_id', text), ('network_user_id', text),
        ('activity_name', text), ('channel', text), ('page_url', text), ('referrer_url', text),
        ('utm_source', text), ('utm_medium', text), ('utm_campaign', text),
        ('product_sku', text), ('product_name', text), ('product_category', text),
        ('currency', text), ('activity_amount', 'decimal(38, 3)'),
        ('occurred_at', dbt.type_timestamp()),
    ]) }}
{% endmacro %}

{#- A select of `relation` in the conformed activity shape: each column from `values` (a dict
    of column name → SQL expression over `relation`), every other one a typed NULL, all in the
    order of activity_columns(), so sources can be combined with `union all`. An unknown
    column name in `values` fails the build. `where` is an optional filter. -#}
{% macro select_conformed_activity(relation, values, where=none) %}
    {%- set known = activity_columns() | map(attribute=0) | list -%}
    {%- for name in values if name not in known -%}
        {{ exceptions.raise_compiler_error("select_conformed_activity: unknown column " ~ name) }}
    {%- endfor %}
    select
        {%- for name, data_type in activity_columns() %}
            cast({{ values.get(name, 'null') }} as {{ data_type }}) as {{ name }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ relation }}
    {%- if where %}
        where {{ where }}
    {%- endif %}
{% endmacro %}
