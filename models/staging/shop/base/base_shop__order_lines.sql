{{ config(enabled=input_enabled('demo'), materialized='table') }}

with raw_shop__order_lines as (
    select
        raw_rows.*,
        {{ row_as_json('raw_rows') }} as raw_record
    from {{ ref('raw_shop__order_lines') }} as raw_rows
),

base_shop__orders as (
    select distinct order_id
    from {{ ref('base_shop__orders') }}
    where quarantine_reason is null
),

typed as (
    select
        -- ids
        {{ clean_text('order_line_id') }} as order_line_id,
        {{ clean_text('order_id') }} as order_id,
        -- strings
        {{ clean_text('product_sku') }} as product_sku,
        {{ clean_text('product_name') }} as product_name,
        {{ clean_text('product_category') }} as product_category,
        -- numerics: unit_price in the order's currency
        {{ dbt.safe_cast(clean_text('quantity'), 'integer') }} as quantity,
        {{ dbt.safe_cast(clean_text('unit_price'), 'decimal(18, 2)') }} as unit_price,
        -- raw
        raw_record
    from raw_shop__order_lines
),

checked as (
    select
        typed.*,
        case
            when typed.order_line_id is null then 'missing order_line_id'
            when typed.order_id is null then 'missing order_id'
            when typed.quantity is null then 'unparseable quantity'
            when typed.unit_price is null then 'unparseable unit_price'
            when base_shop__orders.order_id is null then 'unknown order_id (no valid order)'
        end as quarantine_reason
    from typed
    left join base_shop__orders
        on typed.order_id = base_shop__orders.order_id
),

final as (
    select
        *,
        {{ duplicate_rank('order_line_id', 'order_id') }} as duplicate_rank
    from checked
)

select * from final
