{#- Every staged record of every enabled input in one conformed shape: one row per activity,
    carrying the identifiers seen on that record. Sources that are not enabled contribute no
    CTE at all (see var('inputs')). -#}
{%- set string_type = dbt.type_string() -%}
{%- set null_string = "cast(null as " ~ string_type ~ ")" -%}
{%- set null_amount = "cast(null as decimal(38, 3))" -%}

with event_name_mappings as (
    select
        activity_type,
        page_pattern,
        lower(event_name) as event_name_key
    from {{ ref('event_name_mappings') }}
),

{% set parts = [] %}

{% if input_enabled('demo') %}
    {% do parts.extend([
        'shop_web', 'shop_app', 'shop_crm_created', 'shop_crm_updated',
        'shop_orders_placed', 'shop_orders_refunded'
    ]) %}
    stg_shop__web_events as (
        select * from {{ ref('stg_shop__web_events') }}
    ),

    stg_shop__app_events as (
        select * from {{ ref('stg_shop__app_events') }}
    ),

    stg_shop__crm_contacts as (
        select * from {{ ref('stg_shop__crm_contacts') }}
    ),

    stg_shop__orders as (
        select * from {{ ref('stg_shop__orders') }}
    ),

    stg_shop__order_lines as (
        select * from {{ ref('stg_shop__order_lines') }}
    ),

    shop_web as (
        select
        -- ids
            'shop_web:' || stg_shop__web_events.event_id as activity_id,
            'shop_web' as source_name,
            stg_shop__web_events.event_id as source_record_id,
            {{ null_string }} as session_id,
            {{ null_string }} as order_id,
            -- identifiers seen on the record
            stg_shop__web_events.cookie_id,
            {{ null_string }} as network_user_id,
            {{ null_string }} as device_id,
            stg_shop__web_events.user_id,
            {{ null_string }} as crm_contact_id,
            {{ null_string }} as email,
            {{ null_string }} as guest_order_id,
            {{ null_string }} as phone,
            {{ null_string }} as phone_region,
            -- strings
            stg_shop__web_events.event_name as activity_name,
            'web' as channel,
            stg_shop__web_events.page_url,
            stg_shop__web_events.referrer_url,
            stg_shop__web_events.utm_source,
            stg_shop__web_events.utm_medium,
            stg_shop__web_events.utm_campaign,
            stg_shop__web_events.product_sku,
            stg_shop__web_events.product_name,
            stg_shop__web_events.product_category,
            {{ null_string }} as currency,
            -- numerics
            {{ null_amount }} as activity_amount,
            -- timestamps
            stg_shop__web_events.occurred_at
        from stg_shop__web_events
    ),

    shop_app as (
        select
            'shop_app:' || event_id as activity_id,
            'shop_app' as source_name,
            event_id as source_record_id,
            {{ null_string }} as session_id,
            {{ null_string }} as order_id,
            {{ null_string }} as cookie_id,
            {{ null_string }} as network_user_id,
            device_id,
            user_id,
            {{ null_string }} as crm_contact_id,
            {{ null_string }} as email,
            {{ null_string }} as guest_order_id,
            {{ null_string }} as phone,
            {{ null_string }} as phone_region,
            event_name as activity_name,
            'mobile_app' as channel,
            screen_name as page_url,
            {{ null_string }} as referrer_url,
            {{ null_string }} as utm_source,
            {{ null_string }} as utm_medium,
            {{ null_string }} as utm_campaign,
            product_sku,
            product_name,
            product_category,
            {{ null_string }} as currency,
            {{ null_amount }} as activity_amount,
            occurred_at
        from stg_shop__app_events
    ),

    shop_crm_created as (
        select
            'shop_crm:' || contact_id || ':created' as activity_id,
            'shop_crm' as source_name,
            contact_id as source_record_id,
            {{ null_string }} as session_id,
            {{ null_string }} as order_id,
            {{ null_string }} as cookie_id,
            {{ null_string }} as network_user_id,
            {{ null_string }} as device_id,
            user_id,
            contact_id as crm_contact_id,
            email,
            {{ null_string }} as guest_order_id,
            phone,
            country_code as phone_region,
            'crm_contact_created' as activity_name,
            'crm' as channel,
            {{ null_string }} as page_url,
            {{ null_string }} as referrer_url,
            {{ null_string }} as utm_source,
            {{ null_string }} as utm_medium,
            {{ null_string }} as utm_campaign,
            {{ null_string }} as product_sku,
            {{ null_string }} as product_name,
            {{ null_string }} as product_category,
            {{ null_string }} as currency,
            {{ null_amount }} as activity_amount,
            created_at as occurred_at
        from stg_shop__crm_contacts
    ),

    shop_crm_updated as (
        select
            'shop_crm:' || contact_id || ':updated' as activity_id,
            'shop_crm' as source_name,
            contact_id as source_record_id,
            {{ null_string }} as session_id,
            {{ null_string }} as order_id,
            {{ null_string }} as cookie_id,
            {{ null_string }} as network_user_id,
            {{ null_string }} as device_id,
            user_id,
            contact_id as crm_contact_id,
            email,
            {{ null_string }} as guest_order_id,
            phone,
            country_code as phone_region,
            'crm_contact_updated' as activity_name,
            'crm' as channel,
            {{ null_string }} as page_url,
            {{ null_string }} as referrer_url,
            {{ null_string }} as utm_source,
            {{ null_string }} as utm_medium,
            {{ null_string }} as utm_campaign,
            {{ null_string }} as product_sku,
            {{ null_string }} as product_name,
            {{ null_string }} as product_category,
            {{ null_string }} as currency,
            {{ null_amount }} as activity_amount,
            updated_at as occurred_at
        from stg_shop__crm_contacts
        where updated_at > created_at
    ),

    shop_order_totals as (
        select
            order_id,
            sum(line_amount) as order_amount
        from stg_shop__order_lines
        group by order_id
    ),

    shop_orders_placed as (
        select
            'shop_orders:' || stg_shop__orders.order_id || ':order' as activity_id,
            'shop_orders' as source_name,
            stg_shop__orders.order_id as source_record_id,
            {{ null_string }} as session_id,
            stg_shop__orders.order_id,
            {{ null_string }} as cookie_id,
            {{ null_string }} as network_user_id,
            {{ null_string }} as device_id,
            {{ null_string }} as user_id,
            stg_shop__orders.contact_id as crm_contact_id,
            stg_shop__orders.guest_email as email,
            {{ null_string }} as guest_order_id,
            stg_shop__orders.guest_phone as phone,
            {{ null_string }} as phone_region,
            case
                when stg_shop__orders.order_status = 'cancelled' then 'order_cancelled'
                else 'order_placed'
            end as activity_name,
            case stg_shop__orders.channel
                when 'app' then 'mobile_app' else stg_shop__orders.channel
            end as channel,
            {{ null_string }} as page_url,
            {{ null_string }} as referrer_url,
            {{ null_string }} as utm_source,
            {{ null_string }} as utm_medium,
            {{ null_string }} as utm_campaign,
            {{ null_string }} as product_sku,
            {{ null_string }} as product_name,
            {{ null_string }} as product_category,
            stg_shop__orders.currency,
            coalesce(shop_order_totals.order_amount, 0) as activity_amount,
            stg_shop__orders.ordered_at as occurred_at
        from stg_shop__orders
        left join shop_order_totals
            on stg_shop__orders.order_id = shop_order_totals.order_id
    ),

    shop_orders_refunded as (
        select
            'shop_orders:' || order_id || ':refund' as activity_id,
            'shop_orders' as source_name,
            order_id as source_record_id,
            {{ null_string }} as session_id,
            order_id,
            {{ null_string }} as cookie_id,
            {{ null_string }} as network_user_id,
            {{ null_string }} as device_id,
            {{ null_string }} as user_id,
            contact_id as crm_contact_id,
            guest_email as email,
            {{ null_string }} as guest_order_id,
            guest_phone as phone,
            {{ null_string }} as phone_region,
            'order_refunded' as activity_name,
            case channel when 'app' then 'mobile_app' else channel end as channel,
            {{ null_string }} as page_url,
            {{ null_string }} as referrer_url,
            {{ null_string }} as utm_source,
            {{ null_string }} as utm_medium,
            {{ null_string }} as utm_campaign,
            {{ null_string }} as product_sku,
            {{ null_string }} as product_name,
            {{ null_string }} as product_category,
            currency,
            refund_amount as activity_amount,
            refunded_at as occurred_at
        from stg_shop__orders
        where refund_amount is not null
    ),
{% endif %}

{% if input_enabled('snowplow') %}
    {% do parts.extend(['snowplow_web', 'snowplow_mobile']) %}
    stg_snowplow__web_events as (
        select * from {{ ref('stg_snowplow__web_events') }}
    ),

    stg_snowplow__mobile_events as (
        select * from {{ ref('stg_snowplow__mobile_events') }}
    ),

    snowplow_web as (
        select
            'snowplow_web:' || event_id as activity_id,
            'snowplow_web' as source_name,
            event_id as source_record_id,
            domain_sessionid as session_id,
            {{ null_string }} as order_id,
            domain_userid as cookie_id,
            network_userid as network_user_id,
            {{ null_string }} as device_id,
            user_id,
            {{ null_string }} as crm_contact_id,
            {{ null_string }} as email,
            {{ null_string }} as guest_order_id,
            {{ null_string }} as phone,
            {{ null_string }} as phone_region,
            event_name as activity_name,
            'web' as channel,
            page_url,
            referrer_url,
            utm_source,
            utm_medium,
            utm_campaign,
            {{ null_string }} as product_sku,
            {{ null_string }} as product_name,
            {{ null_string }} as product_category,
            {{ null_string }} as currency,
            {{ null_amount }} as activity_amount,
            occurred_at
        from stg_snowplow__web_events
    ),

    snowplow_mobile as (
        select
            'snowplow_mobile:' || event_id as activity_id,
            'snowplow_mobile' as source_name,
            event_id as source_record_id,
            session_id,
            {{ null_string }} as order_id,
            {{ null_string }} as cookie_id,
            {{ null_string }} as network_user_id,
            device_id,
            user_id,
            {{ null_string }} as crm_contact_id,
            {{ null_string }} as email,
            {{ null_string }} as guest_order_id,
            {{ null_string }} as phone,
            {{ null_string }} as phone_region,
            event_name as activity_name,
            'mobile_app' as channel,
            screen_name as page_url,
            {{ null_string }} as referrer_url,
            {{ null_string }} as utm_source,
            {{ null_string }} as utm_medium,
            {{ null_string }} as utm_campaign,
            {{ null_string }} as product_sku,
            {{ null_string }} as product_name,
            {{ null_string }} as product_category,
            {{ null_string }} as currency,
            {{ null_amount }} as activity_amount,
            occurred_at
        from stg_snowplow__mobile_events
    ),
{% endif %}

{% if input_enabled('online_retail') %}
    {% do parts.append('online_retail') %}
    stg_online_retail__order_lines as (
        select * from {{ ref('stg_online_retail__order_lines') }}
    ),

    online_retail_invoices as (
        select
            invoice_no,
            is_cancellation,
            min(customer_number) as customer_number,
            min(currency) as currency,
            min(invoiced_at) as invoiced_at,
            sum(line_amount) as invoice_amount
        from stg_online_retail__order_lines
        group by invoice_no, is_cancellation
    ),

    online_retail as (
        select
            'online_retail:' || invoice_no as activity_id,
            'online_retail' as source_name,
            invoice_no as source_record_id,
            {{ null_string }} as session_id,
            invoice_no as order_id,
            {{ null_string }} as cookie_id,
            {{ null_string }} as network_user_id,
            {{ null_string }} as device_id,
            {{ null_string }} as user_id,
            customer_number as crm_contact_id,
            {{ null_string }} as email,
            case when customer_number is null then invoice_no end as guest_order_id,
            {{ null_string }} as phone,
            {{ null_string }} as phone_region,
            case when is_cancellation then 'order_refunded' else 'order_placed' end
                as activity_name,
            'web' as channel,
            {{ null_string }} as page_url,
            {{ null_string }} as referrer_url,
            {{ null_string }} as utm_source,
            {{ null_string }} as utm_medium,
            {{ null_string }} as utm_campaign,
            {{ null_string }} as product_sku,
            {{ null_string }} as product_name,
            {{ null_string }} as product_category,
            currency,
            -- a cancellation's lines are negative; the refund activity carries the money returned
            case when is_cancellation then -invoice_amount else invoice_amount end
                as activity_amount,
            invoiced_at as occurred_at
        from online_retail_invoices
    ),
{% endif %}

unioned as (
    {#- by name, so the CTEs' column order does not matter -#}
    {%- set columns = [
        'activity_id', 'source_name', 'source_record_id', 'session_id', 'order_id',
        'cookie_id', 'network_user_id', 'device_id', 'user_id', 'crm_contact_id', 'email',
        'guest_order_id', 'phone', 'phone_region', 'activity_name', 'channel', 'page_url', 'referrer_url', 'utm_source',
        'utm_medium', 'utm_campaign', 'product_sku', 'product_name', 'product_category',
        'currency', 'activity_amount', 'occurred_at'
    ] %}
    {% for part in parts %}
        select {{ columns | join(', ') }} from {{ part }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

mapped as (
    -- a mapping with a page pattern that matches wins over one without
    select
        unioned.activity_id,
        event_name_mappings.activity_type,
        row_number() over (
            partition by unioned.activity_id
            order by event_name_mappings.page_pattern is null, event_name_mappings.page_pattern
        ) as mapping_rank
    from unioned
    inner join event_name_mappings
        on
            lower(unioned.activity_name) = event_name_mappings.event_name_key
            and (
                event_name_mappings.page_pattern is null
                or {{ regex_matches(
                    'lower(unioned.page_url)', 'event_name_mappings.page_pattern'
                ) }}
            )
),

final as (
    select
        unioned.*,
        coalesce(
            mapped.activity_type,
            case
                when unioned.activity_name in (
                    'order_placed', 'order_cancelled', 'order_refunded',
                    'crm_contact_created', 'crm_contact_updated'
                ) then unioned.activity_name
                else 'other'
            end
        ) as activity_type
    from unioned
    left join mapped
        on unioned.activity_id = mapped.activity_id and mapped.mapping_rank = 1
)

select * from final
