{{ config(enabled=input_enabled('demo')) }}

with base_shop__order_lines as (
    select * from {{ ref('base_shop__order_lines') }}
),

final as (
    select
        -- ids
        order_line_id,
        order_id,
        -- strings
        product_sku,
        product_name,
        product_category,
        -- numerics
        quantity,
        unit_price,
        quantity * unit_price as line_amount
    from base_shop__order_lines
    where quarantine_reason is null and duplicate_rank = 1
)

select * from final
