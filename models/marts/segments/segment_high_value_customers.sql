{#- Profiles whose net revenue (orders minus refunds, in the reporting currency) is at least
    var('high_value_threshold_amount'). Qualified at the order or refund after which their
    running net revenue first reached the threshold. -#}
with fct_activities as (
    select * from {{ ref('fct_activities') }}
),

customer_measures as (
    select * from {{ ref('customer_measures') }}
),

running_totals as (
    select
        customer_id,
        occurred_at,
        sum(
            case
                when activity_type = 'order_refunded' then -reporting_amount else reporting_amount
            end
        ) over (
            partition by customer_id
            order by occurred_at, activity_id
            rows between unbounded preceding and current row
        ) as running_net_revenue_amount
    from fct_activities
    where
        activity_type in ('order_placed', 'order_refunded')
        and reporting_amount is not null
),

first_crossings as (
    select
        customer_id,
        min(occurred_at) as qualified_at
    from running_totals
    where running_net_revenue_amount >= {{ var('high_value_threshold_amount') }}
    group by customer_id
),

final as (
    select
        customer_measures.customer_id,
        first_crossings.qualified_at
    from customer_measures
    inner join first_crossings
        on customer_measures.customer_id = first_crossings.customer_id
    where customer_measures.net_revenue_amount >= {{ var('high_value_threshold_amount') }}
)

select * from final
