{{ config(enabled=input_enabled('demo')) }}

with base_shop__app_events as (
    select * from {{ ref('base_shop__app_events') }}
),

final as (
    select
        -- ids
        event_id,
        device_id,
        user_id,
        -- strings
        event_name,
        screen_name,
        product_sku,
        product_name,
        product_category,
        platform,
        -- timestamps
        occurred_at
    from base_shop__app_events
    where quarantine_reason is null and duplicate_rank = 1
)

select * from final
