{{ config(enabled=input_enabled('demo'), materialized='table') }}

with raw_shop__order_lines as (
    select
        raw_rows.*,
        {{ row_as_json('raw_rows') }} as raw_record
    from {{ shop_raw('order_lines') }} as raw_rows
),

base_shop__orders as (
    select
        order_id,
        max(case when quarantine_reason is null then 1 else 0 end) = 1 as is_valid
    from {{ ref('base_shop__orders') }}
    group by order_id
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
        {{ parse_integer(clean_text('quantity'), max_digits=6) }} as quantity,
        {{ parse_decimal(clean_text('unit_price'), scale=3, max_integer_digits=9) }} as unit_price,
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
            when typed.quantity is null
                then 'unparseable quantity (a whole number of at most 6 digits)'
            when typed.unit_price is null
                then 'unparseable unit_price (a decimal with at most 3 decimals)'
            when typed.quantity <= 0 then 'quantity must be positive'
            when typed.unit_price < 0 then 'unit_price must not be negative'
            when base_shop__orders.order_id is null then 'unknown order_id'
            when not base_shop__orders.is_valid then 'its order is quarantined'
            when {{ has_conflicting_versions('typed.order_line_id') }}
                then 'conflicting rows share this order_line_id'
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
