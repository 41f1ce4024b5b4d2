{#- One row per unified profile (known and unknown) with its activity and money measures.

    Orders: an order_placed activity is a purchase unless it was fully refunded (refunds of the
    same order adding up to at least its amount); cancelled orders are no purchase. Money is in
    var('reporting_currency'), each activity converted at the rate valid on its date; an order
    or refund whose currency has no rate is left out of the money measures and counted in
    unconverted_order_count, never summed as-is. Net revenue = gross − refunded, never below 0.
    days_since_last_purchase counts to the as-of date: var('measures_as_of_date') if set, else
    the date of the latest activity in the data (so two builds of the same data agree). -#}
with fct_activities as (
    select * from {{ ref('fct_activities') }}
),

dim_customers as (
    select * from {{ ref('dim_customers') }}
),

fct_sessions as (
    select * from {{ ref('fct_sessions') }}
),

as_of as (
    {% if var('measures_as_of_date', none) %}
        select cast({{ sql_string(var('measures_as_of_date')) }} as date) as as_of_date
    {% else %}
        select cast(max(occurred_at) as date) as as_of_date
        from fct_activities
    {% endif %}
),

session_counts as (
    select
        customer_id,
        count(*) as session_count
    from fct_sessions
    group by customer_id
),

order_refunds as (
    select
        source_name,
        order_id,
        sum(activity_amount) as refunded_activity_amount
    from fct_activities
    where activity_type = 'order_refunded' and order_id is not null
    group by source_name, order_id
),

purchases as (
    -- placed orders that were not fully refunded
    select
        fct_activities.customer_id,
        fct_activities.occurred_at
    from fct_activities
    left join order_refunds
        on
            fct_activities.source_name = order_refunds.source_name
            and fct_activities.order_id = order_refunds.order_id
    where
        fct_activities.activity_type = 'order_placed'
        and coalesce(order_refunds.refunded_activity_amount, 0) < fct_activities.activity_amount
),

purchase_summary as (
    select
        customer_id,
        count(*) as purchase_count,
        max(occurred_at) as last_purchase_at
    from purchases
    group by customer_id
),

category_views as (
    select
        customer_id,
        product_category,
        count(*) as view_count,
        row_number() over (
            partition by customer_id order by count(*) desc, product_category asc
        ) as category_rank
    from fct_activities
    where activity_type = 'product_view' and product_category is not null
    group by customer_id, product_category
),

activity_counts as (
    select
        customer_id,
        count(*) as activity_count,
        sum(case when activity_type = 'page_view' then 1 else 0 end) as page_view_count,
        sum(case when activity_type = 'screen_view' then 1 else 0 end) as screen_view_count,
        sum(case when activity_type = 'product_view' then 1 else 0 end) as product_view_count,
        sum(case when activity_type = 'add_to_cart' then 1 else 0 end) as add_to_cart_count,
        sum(case when activity_type = 'checkout_started' then 1 else 0 end)
            as checkout_started_count,
        sum(case when activity_type = 'order_refunded' then 1 else 0 end) as refund_count,
        sum(case when channel = 'mobile_app' then 1 else 0 end) as app_activity_count,
        sum(
            case
                when activity_type in ('order_placed', 'order_refunded') and is_fx_rate_missing
                    then 1
                else 0
            end
        ) as unconverted_order_count,
        sum(
            case
                when activity_type = 'order_placed' then coalesce(reporting_amount, 0) else 0
            end
        ) as gross_revenue_amount,
        sum(
            case
                when activity_type = 'order_refunded' then coalesce(reporting_amount, 0) else 0
            end
        ) as refunded_amount,
        min(occurred_at) as first_activity_at,
        max(occurred_at) as last_activity_at
    from fct_activities
    group by customer_id
),

final as (
    select
        -- ids
        cast(dim_customers.customer_id as {{ dbt.type_string() }}) as customer_id,
        -- strings
        cast({{ sql_string(var('reporting_currency')) }} as {{ dbt.type_string() }})
            as reporting_currency,
        cast(category_views.product_category as {{ dbt.type_string() }})
            as top_product_category_viewed,
        -- numerics: counts
        cast(coalesce(activity_counts.activity_count, 0) as bigint) as activity_count,
        cast(coalesce(session_counts.session_count, 0) as bigint) as session_count,
        cast(coalesce(activity_counts.page_view_count, 0) as bigint) as page_view_count,
        cast(coalesce(activity_counts.screen_view_count, 0) as bigint) as screen_view_count,
        cast(coalesce(activity_counts.product_view_count, 0) as bigint) as product_view_count,
        cast(coalesce(activity_counts.add_to_cart_count, 0) as bigint) as add_to_cart_count,
        cast(coalesce(activity_counts.checkout_started_count, 0) as bigint)
            as checkout_started_count,
        cast(coalesce(purchase_summary.purchase_count, 0) as bigint) as order_count,
        cast(coalesce(activity_counts.refund_count, 0) as bigint) as refund_count,
        cast(coalesce(activity_counts.app_activity_count, 0) as bigint) as app_activity_count,
        cast(coalesce(activity_counts.unconverted_order_count, 0) as bigint)
            as unconverted_order_count,
        cast(
            {{ dbt.datediff('purchase_summary.last_purchase_at', 'as_of.as_of_date', 'day') }}
            as bigint
        ) as days_since_last_order,
        -- numerics: money in the reporting currency
        cast(coalesce(activity_counts.gross_revenue_amount, 0) as decimal(38, 3))
            as gross_revenue_amount,
        cast(coalesce(activity_counts.refunded_amount, 0) as decimal(38, 3)) as refunded_amount,
        cast(
            greatest(
                coalesce(activity_counts.gross_revenue_amount, 0)
                - coalesce(activity_counts.refunded_amount, 0),
                0
            ) as decimal(38, 3)
        ) as net_revenue_amount,
        cast({{ divide_to_scale(
            'greatest(coalesce(activity_counts.gross_revenue_amount, 0)'
            ~ ' - coalesce(activity_counts.refunded_amount, 0), 0)',
            'purchase_summary.purchase_count'
        ) }} as decimal(38, 3)) as average_order_value_amount,
        -- booleans
        cast(dim_customers.is_known as boolean) as is_known,
        cast(coalesce(purchase_summary.purchase_count, 0) > 0 as boolean) as has_ordered,
        -- timestamps
        cast(activity_counts.first_activity_at as {{ dbt.type_timestamp() }}) as first_activity_at,
        cast(activity_counts.last_activity_at as {{ dbt.type_timestamp() }}) as last_activity_at,
        cast(purchase_summary.last_purchase_at as {{ dbt.type_timestamp() }}) as last_order_at
    from dim_customers
    cross join as_of
    left join activity_counts
        on dim_customers.customer_id = activity_counts.customer_id
    left join session_counts
        on dim_customers.customer_id = session_counts.customer_id
    left join purchase_summary
        on dim_customers.customer_id = purchase_summary.customer_id
    left join category_views
        on
            dim_customers.customer_id = category_views.customer_id
            and category_views.category_rank = 1
)

select * from final
