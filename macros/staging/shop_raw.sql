{#- The raw shop table `table_name` (web_events, app_events, crm_contacts, orders,
    order_lines): the demo seed raw_shop__<table_name>, or the Parquet files under
    var('shop_raw_path') when that var is set (source shop_files). -#}
{% macro shop_raw(table_name) -%}
    {%- if var('shop_raw_path') | string | length > 0 -%}
        {{ raw_files('shop_files', table_name, var('shop_raw_path') ~ '/' ~ table_name ~ '/*.parquet', 'parquet') }}
    {%- else -%}
        {{ ref('raw_shop__' ~ table_name) }}
    {%- endif -%}
{%- endmacro %}
