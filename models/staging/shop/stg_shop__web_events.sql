{{ config(enabled=input_enabled('demo')) }}

with base_shop__web_events as (
    select * from {{ ref('base_shop__web_events') }}
),

final as (
    select
        -- ids
        event_id,
        cookie_id,
        user_id,
        -- strings
        event_name,
        page_url,
        referrer_url,
        utm_source,
        utm_medium,
        utm_campaign,
        product_sku,
        product_name,
        product_category,
        -- timestamps
        occurred_at
    from base_shop__web_events
    where quarantine_reason is null and duplicate_rank = 1
)

select * from final
