{{ config(enabled=input_enabled('demo'), materialized='table') }}

with raw_shop__web_events as (
    select
        raw_rows.*,
        {{ row_as_json('raw_rows') }} as raw_record
    from {{ shop_raw('web_events') }} as raw_rows
),

typed as (
    select
        -- ids
        {{ clean_text('event_id') }} as event_id,
        {{ clean_text('cookie_id') }} as cookie_id,
        {{ clean_text('user_id') }} as user_id,
        -- strings
        {{ clean_text('event_name') }} as event_name,
        -- URLs, with any email address in them redacted (personal data stays out of the marts)
        {{ redact_email_addresses(clean_text('page_url')) }} as page_url,
        {{ redact_email_addresses(clean_text('referrer_url')) }} as referrer_url,
        {{ redact_email_addresses(clean_text('utm_source')) }} as utm_source,
        {{ redact_email_addresses(clean_text('utm_medium')) }} as utm_medium,
        {{ redact_email_addresses(clean_text('utm_campaign')) }} as utm_campaign,
        {{ clean_text('product_sku') }} as product_sku,
        {{ clean_text('product_name') }} as product_name,
        {{ clean_text('product_category') }} as product_category,
        -- timestamps
        {{ parse_timestamp_utc('event_timestamp', var('shop_time_zone')) }} as occurred_at,
        -- raw
        event_timestamp as event_timestamp_raw,
        raw_record
    from raw_shop__web_events
),

checked as (
    select
        *,
        case
            when event_id is null then 'missing event_id'
            when event_name is null then 'missing event_name'
            when occurred_at is null then 'unparseable event_timestamp'
            when
                cookie_id is null and user_id is null
                then 'no identifier: cookie_id and user_id empty'
            when {{ has_conflicting_versions('event_id') }}
                then 'conflicting rows share this event_id'
        end as quarantine_reason
    from typed
),

final as (
    select
        *,
        {{ duplicate_rank('event_id', 'occurred_at') }} as duplicate_rank
    from checked
)

select * from final
