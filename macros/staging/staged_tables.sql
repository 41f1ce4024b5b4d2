{#- The raw tables of every enabled input, each with its raw relation, its base model (every
    raw row, typed, with quarantine_reason and duplicate_rank) and its staging model, and, for
    tables that carry money, the expression of a row's amount in the raw relation and in
    the base model. Used by the
    quality marts to account for every raw row. -#}
{% macro staged_tables() %}
    {%- set tables = [] -%}
    {%- if input_enabled('demo') -%}
        {%- for entity in ['web_events', 'app_events', 'crm_contacts', 'orders', 'order_lines'] -%}
            {%- do tables.append({
                'source_table': 'shop.' ~ entity,
                'raw': shop_raw(entity),
                'base': ref('base_shop__' ~ entity),
                'staged': ref('stg_shop__' ~ entity),
                'amount': 'quantity * unit_price' if entity == 'order_lines' else none,
                'raw_amount': parse_integer(clean_text('quantity'), max_digits=6) ~ ' * '
                    ~ parse_decimal(clean_text('unit_price'), scale=3, max_integer_digits=9)
                    if entity == 'order_lines' else none,
            }) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if input_enabled('snowplow') -%}
        {%- for entity in ['web_events', 'mobile_events'] -%}
            {%- do tables.append({
                'source_table': 'snowplow.' ~ entity,
                'raw': raw_files('snowplow', entity, var('snowplow_' ~ entity ~ '_path'), 'csv'),
                'base': ref('base_snowplow__' ~ entity),
                'staged': ref('stg_snowplow__' ~ entity),
                'amount': none,
                'raw_amount': none,
            }) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if input_enabled('online_retail') -%}
        {%- do tables.append({
            'source_table': 'online_retail.order_lines',
            'raw': raw_files('online_retail', 'order_lines', var('online_retail_path'), 'parquet'),
            'base': ref('base_online_retail__order_lines'),
            'staged': ref('stg_online_retail__order_lines'),
            'amount': 'quantity * unit_price',
            'raw_amount': try_cast(adapter.quote('Quantity'), 'integer') ~ ' * '
                ~ try_cast(adapter.quote('UnitPrice'), 'decimal(18, 3)'),
        }) -%}
    {%- endif -%}
    {{ return(tables) }}
{% endmacro %}
