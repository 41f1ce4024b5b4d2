{{ config(enabled=input_enabled('online_retail')) }}

with base_online_retail__order_lines as (
    select * from {{ ref('base_online_retail__order_lines') }}
),

final as (
    select
        -- ids
        order_line_id,
        invoice_no,
        customer_number,
        -- strings
        stock_code,
        product_name,
        country_name,
        {{ sql_string(var('online_retail_currency')) }} as currency,
        -- numerics
        quantity,
        unit_price,
        quantity * unit_price as line_amount,
        -- booleans
        invoice_no like 'C%' as is_cancellation,
        -- timestamps
        invoiced_at
    from base_online_retail__order_lines
    where quarantine_reason is null and duplicate_rank = 1
)

select * from final
