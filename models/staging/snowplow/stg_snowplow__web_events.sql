{{ config(enabled=input_enabled('snowplow')) }}

with base_snowplow__web_events as (
    select * from {{ ref('base_snowplow__web_events') }}
),

final as (
    select
        -- ids
        event_id,
        domain_userid,
        network_userid,
        user_id,
        domain_sessionid,
        -- strings
        event_name,
        page_url,
        page_title,
        referrer_url,
        utm_source,
        utm_medium,
        utm_campaign,
        device_type,
        -- timestamps
        collected_at,
        occurred_at
    from base_snowplow__web_events
    where quarantine_reason is null and duplicate_rank = 1
)

select * from final
