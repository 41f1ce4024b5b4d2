{{ config(enabled=input_enabled('snowplow'), materialized='table') }}

with web_events as (
    select
        raw_rows.*,
        {{ row_as_json('raw_rows') }} as raw_record
    from
        {{ raw_files('snowplow', 'web_events', var('snowplow_web_events_path'), 'csv') }}
            as raw_rows
),

typed as (
    select
        -- ids
        {{ clean_text('event_id') }} as event_id,
        {{ clean_text('domain_userid') }} as domain_userid,
        {{ clean_text('network_userid') }} as network_userid,
        {{ clean_text('user_id') }} as user_id,
        {{ clean_text('domain_sessionid') }} as domain_sessionid,
        -- strings
        {{ clean_text('event_name') }} as event_name,
        -- URLs, with any email address in them redacted (personal data stays out of the marts)
        {{ redact_email_addresses(clean_text('page_url')) }} as page_url,
        {{ clean_text('page_title') }} as page_title,
        {{ redact_email_addresses(clean_text('page_referrer')) }} as referrer_url,
        {{ redact_email_addresses(clean_text('mkt_source')) }} as utm_source,
        {{ redact_email_addresses(clean_text('mkt_medium')) }} as utm_medium,
        {{ redact_email_addresses(clean_text('mkt_campaign')) }} as utm_campaign,
        {{ clean_text('dvce_type') }} as device_type,
        -- timestamps: the tracker's best guess of when it happened, else when it arrived
        {{ parse_timestamp_utc('collector_tstamp', var('snowplow_time_zone')) }} as collected_at,
        coalesce(
            {{ parse_timestamp_utc('derived_tstamp', var('snowplow_time_zone')) }},
            {{ parse_timestamp_utc('collector_tstamp', var('snowplow_time_zone')) }}
        ) as occurred_at,
        {{ parse_timestamp_utc('derived_tstamp', var('snowplow_time_zone')) }} as derived_at,
        -- raw
        {{ clean_text('derived_tstamp') }} as derived_tstamp_raw,
        raw_record
    from web_events
),

checked as (
    select
        *,
        case
            when event_id is null then 'missing event_id'
            when event_name is null then 'missing event_name'
            when collected_at is null then 'unparseable collector_tstamp'
            when derived_tstamp_raw is not null and derived_at is null
                then 'unparseable derived_tstamp'
            when domain_userid is null and network_userid is null and user_id is null
                then 'no identifier: domain_userid, network_userid and user_id empty'
        end as quarantine_reason
    from typed
),

final as (
    select
        *,
        {{ duplicate_rank('event_id', 'collected_at, occurred_at') }} as duplicate_rank
    from checked
)

select * from final
