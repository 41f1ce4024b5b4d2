{{ config(enabled=input_enabled('demo')) }}

with base_shop__orders as (
    select * from {{ ref('base_shop__orders') }}
),

final as (
    select
        -- ids
        order_id,
        contact_id,
        -- strings
        guest_email,
        guest_phone,
        channel,
        currency,
        order_status,
        -- numerics
        refund_amount,
        -- timestamps
        ordered_at,
        refunded_at
    from base_shop__orders
    where quarantine_reason is null and duplicate_rank = 1
)

select * from final
